import { lambdaHandler } from '../lib/lambda-deps';
import { callRoutes } from './app';

export const handler = lambdaHandler([callRoutes]);
