import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'evently:isPublic';

/** Opts a route out of the global authentication guard; every other route needs a caller. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
