import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';
import { Text, OptionalText } from '../../http/fields';

/** The officer asked the complainant for information: the answer clock stands still until it arrives (issue 14). */
export class AwaitComplainantDto {
  @Text(2, 2000, { description: 'What was asked of the complainant (sealed with the case: free text)', example: 'A photo of the serial-number plate and the receipt.' })
  requested: string;
}

/** The information arrived (or did not, `arrived: false`): the answer clock runs again, the deadline moved by the time waited. */
export class RecordComplainantInformationDto {
  @ApiPropertyOptional({ description: 'false: nothing came and the case goes on without it; the clock runs again all the same', example: true, default: true })
  @IsOptional()
  @IsBoolean()
  arrived?: boolean;

  @OptionalText(2, 2000, { description: 'What arrived (sealed with the case: free text)', example: 'Photo and receipt received by e-mail.' })
  summary?: string;
}
