/**
 * Complaint categories are configuration: a deployment may add its own. The register records the
 * category key together with the catalogue version, so old entries stay meaningful after a change.
 */
export interface CategoryCatalogue {
  version: string;
  categories: ReadonlyArray<{ key: string; label: string }>;
}

export const DEFAULT_CATEGORY_CATALOGUE: CategoryCatalogue = {
  version: 'default-1',
  categories: [
    { key: 'staff-conduct', label: 'Staff conduct (rudeness, inattention, incompetence)' },
    { key: 'organisation', label: 'The organisation as a whole (assortment, location, equipment)' },
    { key: 'product-quality', label: 'Quality of products or services (defects, expired goods, suppliers)' },
    { key: 'delivery', label: 'Delivery or timeliness' },
    { key: 'other', label: 'Other' },
  ],
};

export const hasCategory = (catalogue: CategoryCatalogue, key: string): boolean =>
  catalogue.categories.some((category) => category.key === key);
