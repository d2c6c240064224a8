import { lambdaHandler } from '../lib/lambda-deps';
import { reportsRoutes } from './app';

export const handler = lambdaHandler([reportsRoutes]);
