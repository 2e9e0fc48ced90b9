import { plainToInstance } from 'class-transformer';
import { IsString, Length, validateSync } from 'class-validator';
import { OneOf, OptionalInteger, OptionalText, OptionalTime, Text } from './fields';

class Example {
  @Text(2, 5)
  name: string;

  @OptionalText(1, 3)
  note?: string;

  @OptionalInteger(1, 10)
  limit?: number;

  @OptionalTime()
  at?: string;

  @OneOf(['a', 'b'])
  kind: string;
}

// The same rule written as stacked decorators, as the DTOs had them.
class Stacked {
  @IsString()
  @Length(2, 5)
  name: string;
}

const problems = (plain: object, type: new () => object = Example) =>
  validateSync(plainToInstance(type, plain)).map((error) => ({ field: error.property, reasons: Object.keys(error.constraints ?? {}) }));

describe('the field decorators of the DTOs', () => {
  it('accept a valid body, optional fields left out, and turn a query string number into a number', () => {
    expect(problems({ name: 'Ann', kind: 'a' })).toEqual([]);
    expect(plainToInstance(Example, { limit: '7' }).limit).toBe(7);
  });

  it('refuse each rule broken, with the reasons in the order the stacked decorators gave them', () => {
    expect(problems({ name: 7, note: 'long', limit: '11', at: '2026-02-30', kind: 'c' })).toEqual([
      { field: 'name', reasons: ['isLength', 'isString'] },
      { field: 'note', reasons: ['isLength'] },
      { field: 'limit', reasons: ['max'] },
      { field: 'at', reasons: ['isIso8601'] },
      { field: 'kind', reasons: ['isIn'] },
    ]);
    expect(problems({ name: 7 }, Stacked)).toEqual([{ field: 'name', reasons: ['isLength', 'isString'] }]);
  });
});
