import { lambdaHandler } from '../lib/lambda-deps';
import { organizationRoutes } from './app';

export const handler = lambdaHandler([organizationRoutes]);
