// The years a schedule may use (Exchange refuses dates outside them). Free of imports on
// purpose: the auto-reply forms in the browser read it, and lib/time/zones.ts (with its time
// zone libraries) must not come with it.
export const SCHEDULE_YEARS = { first: 2000, last: 2099 } as const;
export const SCHEDULE_YEARS_MESSAGE = `Choose a date between the years ${SCHEDULE_YEARS.first} and ${SCHEDULE_YEARS.last}.`;
