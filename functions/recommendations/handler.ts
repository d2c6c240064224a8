import { lambdaHandler } from '../lib/lambda-deps';
import { recommendationRoutes } from './app';

export const handler = lambdaHandler([recommendationRoutes]);
