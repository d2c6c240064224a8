import { lambdaHandler } from '../lib/lambda-deps';
import { tableRoutes } from './app';

export const handler = lambdaHandler([tableRoutes]);
