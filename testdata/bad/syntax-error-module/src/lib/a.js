export const a = {;
