import { handle } from 'hono/aws-lambda';
import { createApiApp } from '../lib/app';
import { lambdaDeps } from '../lib/lambda-deps';
import { allocationRoutes } from './app';

export const handler = handle(createApiApp(lambdaDeps(), [allocationRoutes]));
