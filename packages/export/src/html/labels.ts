import type { CategoryProgress, ReceiptStatus } from '@licheng/projections';

type ReceiptCategory = CategoryProgress['category'];

/** English beside the Chinese, as the console report prints it (`class receipt confirmation`). */
export const CATEGORY_EN: Readonly<Record<ReceiptCategory, string>> = {
  courseRecords: 'course records',
  courseOutcomes: 'learning outcomes',
  performances: 'performances',
  cadreRecords: 'cadre records',
};

export const STATUS_EN: Readonly<Record<ReceiptStatus, string>> = {
  confirmed: 'confirmed',
  deemed: 'deemed',
  reported: 'reported',
  pending: 'pending',
  notApplicable: 'not applicable',
};

/** Done in greens, waiting on someone in amber and red, out of scope in grey. */
export const STATUS_COLOUR: Readonly<Record<ReceiptStatus, string>> = {
  confirmed: '#2e7d32',
  deemed: '#81c784',
  reported: '#f9a825',
  pending: '#e53935',
  notApplicable: '#d6d6d6',
};
