/** The modules of the product (DESIGN.md §3), which of them exist yet, and where each role works. */
import type { Role } from '../../../shared/contracts/accounts.ts';

export const PRODUCT_MODULES = [
  'accounts',
  'plans',
  'design',
  'conduct',
  'evaluation',
  'threats',
  'advice',
  'awareness',
  'briefings',
  'readiness',
] as const;
export type ProductModule = (typeof PRODUCT_MODULES)[number];

/** Modules usable today; the rest are on the way. */
export const AVAILABLE: ReadonlySet<ProductModule> = new Set(['accounts', 'plans', 'design', 'conduct', 'threats']);

/** Where an available module starts in the web app. */
export const MODULE_PATHS: Partial<Readonly<Record<ProductModule, string>>> = {
  plans: '/plans',
  design: '/scenarios',
  conduct: '/exercises',
  threats: '/threats',
};

/** Where each role does its work. */
export const ROLE_MODULES: Readonly<Record<Role, readonly ProductModule[]>> = {
  admin: ['accounts'],
  planner: ['design', 'plans'],
  controller: ['conduct'],
  evaluator: ['evaluation'],
  player: ['conduct', 'awareness'],
  observer: ['conduct'],
  advisor: ['advice'],
  analyst: ['threats'],
  briefer: ['briefings'],
};
