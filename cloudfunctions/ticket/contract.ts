/** What the `ticket` function answers (type-only on the client). Instants are ISO strings. */
import type { TicketCategory, TicketStatus } from '../shared/model';

export interface TicketView {
  id: string;
  category: TicketCategory;
  categoryLabel: string;
  text: string;
  spot: string;
  status: TicketStatus;
  statusLabel: string;
  /** `G-LC-01`, or null when the community itself holds it */
  gridCode: string | null;
  /** the grid's workers, to tell the resident who will come */
  gridWorkerNames: string[];
  createdAt: string;
  reporterName: string;
  assisted: boolean;
  actorName: string;
  consentRecorded: boolean;
}
