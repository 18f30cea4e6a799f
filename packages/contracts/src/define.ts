import type { z } from 'zod';

/** A bus request/reply subject with the schemas of both directions. */
export interface RequestContract<Request extends z.ZodType, Reply extends z.ZodType> {
  subject: string;
  request: Request;
  reply: Reply;
}

export function defineRequest<Request extends z.ZodType, Reply extends z.ZodType>(
  subject: string,
  request: Request,
  reply: Reply,
): RequestContract<Request, Reply> {
  return { subject, request, reply };
}
