/** The library's version, recorded in every results.json. */
export const version = "0.1.0";
