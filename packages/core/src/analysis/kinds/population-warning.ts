/**
 * A model's warning as a plan's run lists it: said of its population, once. An estimator's warning
 * that names its rows already (`outcome y, population all: weak instrument …`) is kept as it is;
 * another (`only 3 clusters of site …`) gets `population all: ` in front.
 *
 * @example
 * populationWarning("all", "only 3 clusters of site"); // "population all: only 3 clusters of site"
 * populationWarning("all", "outcome y, population all: weak instrument"); // unchanged
 */
export function populationWarning(population: string, warning: string): string {
  const named = warning.startsWith("outcome ") && [`, population ${population}: `, `, population ${population}, `].some((s) => warning.includes(s));
  return named ? warning : `population ${population}: ${warning}`;
}
