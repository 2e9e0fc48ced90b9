import { ArgumentsHost } from '@nestjs/common';
import { invalidInput, notPermitted } from '@app/domain';
import { Type } from 'class-transformer';
import { IsIn, IsString, Length, ValidateNested } from 'class-validator';
import { CommandRejected, FieldProblem, InvalidRequest } from '../application/errors';
import { ProblemDetailsFilter } from './problem-details.filter';
import { requestValidationPipe } from './validation';

// A client words a field's error in its own language by the error's code; the English reason stays as the fallback.

class Contact {
  @IsString()
  @Length(2, 200)
  name: string;
}

class Body {
  @IsIn(['person', 'organisation'])
  kind: string;

  @ValidateNested()
  @Type(() => Contact)
  contact: Contact;
}

const problemsOf = async (body: unknown): Promise<FieldProblem[]> => {
  try {
    await requestValidationPipe().transform(body, { type: 'body', metatype: Body });
  } catch (error) {
    if (error instanceof InvalidRequest) return error.problems;
    throw error;
  }
  throw new Error('the body was accepted');
};

const answerTo = (exception: unknown): { status: number; body: { code: string; errors?: FieldProblem[] } } => {
  const answer = { status: 0, body: { code: '' } };
  const response = { setHeader: () => undefined, status: (status: number) => ((answer.status = status), response), type: () => response, send: (body: typeof answer.body) => ((answer.body = body), response) };
  const host = { switchToHttp: () => ({ getRequest: () => ({ originalUrl: '/complaints' }), getResponse: () => response }) } as unknown as ArgumentsHost;
  new ProblemDetailsFilter().catch(exception, host);
  return answer;
};

describe('field problems carry a code beside the reason', () => {
  it('names the class-validator constraint each field broke, on nested fields by their dotted path', async () => {
    const problems = await problemsOf({ kind: 'robot', contact: {} });
    expect(problems).toEqual(
      expect.arrayContaining([
        { field: 'kind', code: 'isIn', reason: expect.stringContaining('kind must be one of') },
        { field: 'contact.name', code: 'isLength', reason: expect.stringContaining('longer than or equal to 2') },
        { field: 'contact.name', code: 'isString', reason: 'name must be a string' },
      ]),
    );
    expect(problems).toHaveLength(3);
  });

  it('names an unknown field by whitelistValidation', async () => {
    expect(await problemsOf({ kind: 'person', contact: { name: 'Maria' }, extra: 1 })).toEqual([
      { field: 'extra', code: 'whitelistValidation', reason: 'property extra should not exist' },
    ]);
  });

  it("carries the domain's error code on a refused command's field, in the 400 and the 403", () => {
    const invalid = answerTo(new CommandRejected(invalidInput('complainant', 'no-way-to-reply', 'Give at least one way to reply.')));
    expect(invalid).toEqual({
      status: 400,
      body: expect.objectContaining({ code: 'no-way-to-reply', errors: [{ field: 'complainant', code: 'no-way-to-reply', reason: 'Give at least one way to reply.' }] }),
    });
    const notYou = answerTo(new CommandRejected(notPermitted('not-the-principal', 'signedBy names someone else.', 'signedBy')));
    expect(notYou).toEqual({
      status: 403,
      body: expect.objectContaining({ errors: [{ field: 'signedBy', code: 'not-the-principal', reason: 'signedBy names someone else.' }] }),
    });
  });
});
