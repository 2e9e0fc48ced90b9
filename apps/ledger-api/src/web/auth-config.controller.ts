import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../infrastructure/tokens';

class OidcSignInDto {
  @ApiProperty({ example: 'https://login.example.com/realms/ledger' }) issuer: string;
  @ApiProperty({ example: 'ledger-workspace', description: "The workspace's public client (Authorization Code with PKCE)" }) clientId: string;
  @ApiProperty({ example: 'openid' }) scope: string;
}

class SignInConfigDto {
  @ApiProperty({ example: true, description: 'Whether personal API tokens are accepted' }) apiTokens: boolean;
  @ApiPropertyOptional({
    type: OidcSignInDto,
    nullable: true,
    description: 'Set when OIDC_ISSUER and OIDC_SPA_CLIENT_ID are',
    example: { issuer: 'https://login.example.com/realms/ledger', clientId: 'ledger-workspace', scope: 'openid' },
  })
  oidc: OidcSignInDto | null;
}

/** How the workspace may sign in: public (the sign-in page needs it before anyone has signed in), and no secret in it. */
@ApiTags('Operations')
@Controller('auth/config')
export class AuthConfigController {
  constructor(@Inject(APP_CONFIG) private readonly appConfig: AppConfig) {}

  @Get()
  @ApiOperation({ summary: 'How the workspace signs in: API tokens, and the OpenID Connect provider and public client when configured' })
  @ApiOkResponse({ type: SignInConfigDto })
  config(): SignInConfigDto {
    const { apiTokens, oidc } = this.appConfig.auth;
    return {
      apiTokens,
      oidc: oidc?.spaClientId ? { issuer: oidc.issuer, clientId: oidc.spaClientId, scope: oidc.spaScope } : null,
    };
  }
}
