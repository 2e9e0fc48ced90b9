import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Actor } from '@app/domain';
import { ApiAuthenticated, FromActor } from '@app/platform';

class PrincipalDto {
  @ApiProperty({ example: 'officer-petrov' }) id: string;
  @ApiProperty({ example: 'quality-officer' }) role: string;
}

/** Who the token belongs to: the workspace shows the actions of this role. */
@ApiTags('Operations')
@ApiAuthenticated()
@Controller('me')
export class MeController {
  @Get()
  @ApiOperation({ summary: 'The verified principal of the request: actor id and role' })
  @ApiOkResponse({ type: PrincipalDto })
  me(@FromActor() actor: Actor): PrincipalDto {
    return { id: actor.id, role: actor.role };
  }
}
