import { lambdaHandler } from '../lib/lambda-deps';
import { resultRoutes } from './app';

export const handler = lambdaHandler([resultRoutes]);
