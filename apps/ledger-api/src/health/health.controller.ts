import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { EventStore } from '@app/event-store';
import { EVENT_STORE } from '../infrastructure/tokens';

@ApiTags('Operations')
@Controller('health')
export class HealthController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get()
  @ApiOperation({ summary: 'Whether the service and its event store answer (503 when not)' })
  async health() {
    try {
      await this.store.ping();
    } catch {
      throw new ServiceUnavailableException('The event store is unreachable.');
    }
    return { status: 'ok', eventStore: 'up' };
  }
}
