import { lambdaHandler } from '../lib/lambda-deps';
import { agreementRoutes } from './app';

export const handler = lambdaHandler([agreementRoutes]);
