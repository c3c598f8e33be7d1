/**
 * The numbers `account`'s schemas (contract.ts) and its pages' forms share (issue 19: a form takes
 * its limits from here, never restates them): text lengths in characters, counts in items.
 * Plain constants, imports nothing (pages import this file; dependency-cruiser `limits-are-plain`).
 */
export const ACCOUNT_LIMITS = {
  /** a person's name, 称呼, building, unit and room (register, registerFor) */
  homeText: { min: 1, max: 20 },
  /** a mainland mobile number, digits */
  phoneDigits: 11,
  /** the counter's resident search (searchResidents) */
  residentQuery: { min: 1, max: 30 },
  /** the console's people search (people) */
  peopleQuery: { min: 0, max: 30 },
  /** a link code as staff type it, spaces included (confirmLink); 4–12 letters and digits once spaces go */
  linkCodeTyped: { max: 20 },
  linkCode: { min: 4, max: 12 },
  /** a family link code as staff type it, spaces included (linkFamily): 6 digits once spaces go */
  familyCodeTyped: { max: 20 },
  /** a grid's code (G-LC-01: letters, digits, `-`) */
  gridCode: { min: 2, max: 20 },
  /** estates one grid covers, buildings per estate, grid workers per grid, grids per grid worker */
  gridCovers: { max: 20 },
  gridBuildings: { min: 1, max: 100 },
  gridWorkers: { max: 20 },
  workerGrids: { max: 20 },
  /** a WeCom group robot's webhook address or key */
  robotWebhook: { max: 300 },
  /** template ids reported by one subscribe tap */
  templateIds: { min: 1, max: 3 },
  /** message ids marked read at once */
  readIds: { min: 1, max: 50 },
} as const;
