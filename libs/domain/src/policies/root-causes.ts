/**
 * Root-cause codes are configuration, like categories: a deployment names the causes it tracks, so that
 * recurring causes count together in the reports. The investigation records the code with the taxonomy's
 * version, beside the free-text root cause, so old entries stay meaningful after the list changes.
 */
export interface RootCauseTaxonomy {
  version: string;
  rootCauses: ReadonlyArray<{ code: string; label: string }>;
}

export const DEFAULT_ROOT_CAUSE_TAXONOMY: RootCauseTaxonomy = {
  version: 'default-1',
  rootCauses: [
    { code: 'supplier-defect', label: 'Defect in a supplier’s goods or batch' },
    { code: 'manufacturing-defect', label: 'Defect in our own production' },
    { code: 'expired-goods', label: 'Expired or spoiled goods not taken off sale' },
    { code: 'staff-conduct', label: 'Staff conduct (rudeness, inattention)' },
    { code: 'staff-error', label: 'Staff error or lack of training' },
    { code: 'process-gap', label: 'A procedure missing, unclear or not followed' },
    { code: 'delivery-delay', label: 'Late or failed delivery' },
    { code: 'information', label: 'Wrong or missing information to the customer' },
    { code: 'pricing-billing', label: 'Pricing or billing error' },
    { code: 'equipment', label: 'Equipment or premises' },
    { code: 'no-fault-found', label: 'No fault found' },
    { code: 'other', label: 'Other' },
  ],
};

export const hasRootCause = (taxonomy: RootCauseTaxonomy, code: string): boolean =>
  taxonomy.rootCauses.some((cause) => cause.code === code);
