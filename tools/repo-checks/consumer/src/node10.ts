import { createRedisAdapter } from '@gatewire/adapter-redis';
import { GatewayClient } from '@gatewire/client/node';
import { PROTOCOL_VERSION } from '@gatewire/protocol/lite';
import { createGateway } from '@gatewire/server';

export const parts = [GatewayClient, createGateway, createRedisAdapter, PROTOCOL_VERSION] as const;
