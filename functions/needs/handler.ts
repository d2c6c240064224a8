import { lambdaHandler } from '../lib/lambda-deps';
import { needsRoutes } from './app';

export const handler = lambdaHandler([needsRoutes]);
