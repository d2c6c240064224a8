import { lambdaHandler } from '../lib/lambda-deps';
import { taskRoutes } from './app';

export const handler = lambdaHandler([taskRoutes]);
