import { handle } from 'hono/aws-lambda';
import { createApiApp } from '../lib/app';
import { lambdaDeps } from '../lib/lambda-deps';
import { envelopeRoutes } from './app';

export const handler = handle(createApiApp(lambdaDeps(), [envelopeRoutes]));
