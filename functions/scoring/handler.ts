import { handle } from 'hono/aws-lambda';
import { createApiApp } from '../lib/app';
import { lambdaDeps } from '../lib/lambda-deps';
import { scoringRoutes } from './app';

export const handler = handle(createApiApp(lambdaDeps(), [scoringRoutes]));
