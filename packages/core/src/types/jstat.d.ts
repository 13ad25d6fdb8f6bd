// Minimal typings for the parts of jstat that trialstat uses (jstat ships none).
declare module "jstat" {
  interface JStat {
    gammaln(x: number): number;
    studentt: { cdf(x: number, df: number): number; inv(p: number, df: number): number; pdf(x: number, df: number): number };
    normal: { cdf(x: number, mean: number, sd: number): number; inv(p: number, mean: number, sd: number): number };
    centralF: { cdf(x: number, df1: number, df2: number): number; inv(p: number, df1: number, df2: number): number };
    chisquare: { cdf(x: number, df: number): number; inv(p: number, df: number): number };
  }
  const jstat: JStat & { jStat: JStat };
  export default jstat;
}
