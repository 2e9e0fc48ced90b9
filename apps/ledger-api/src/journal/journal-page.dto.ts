import { ApiProperty } from '@nestjs/swagger';

/** What GET /complaints answers, for the OpenAPI page: the handler's JournalPage and the position it reflects. */
export class JournalPageDto {
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: 'The page asked for: rows of the register journal, in the order asked for' })
  items: object[];

  @ApiProperty({ example: 1 })
  page: number;

  @ApiProperty({ example: 50 })
  pageSize: number;

  @ApiProperty({
    example: 10000,
    description: 'How many complaints match. A search with `q` counts up to SEARCH_TOTAL_LIMIT (default 10,000) and no further: with more, this is the limit and `totalExact` is false',
  })
  total: number;

  @ApiProperty({ example: false, description: 'False when more complaints match than `total` says ("10,000+"); always true without `q`' })
  totalExact: boolean;

  @ApiProperty({ type: String, nullable: true, example: '1048576', description: 'The `$all` position the read models had reached: the answer reflects every event up to it' })
  position: string | null;
}
