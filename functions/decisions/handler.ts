import { lambdaHandler } from '../lib/lambda-deps';
import { decisionRoutes } from './app';

export const handler = lambdaHandler([decisionRoutes]);
