import { lambdaHandler } from '../lib/lambda-deps';
import { allocationRoutes } from './app';

export const handler = lambdaHandler([allocationRoutes]);
