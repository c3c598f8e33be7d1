/**
 * The console's own reading of the consultation collections (`meetings`, `opinions`, `topics`;
 * document types in `shared/model.ts`) for `console.stats` — the console never imports the
 * `consult` function's files. Three aggregation pipelines (`domain/consultation.ts`), run in
 * parallel: one database round trip's time, whatever the number of meetings, opinions or topics.
 */
import type { ConsultationFigures } from './contract';
import {
  consultationFigures,
  meetingStages,
  opinionStages,
  topicStages,
  type MeetingRow,
  type OpinionRow,
  type TopicRow,
} from './domain/consultation';
import type { Period } from './domain/period';

/** Runs one pipeline on a collection (`stats.ts` runPipeline). */
export type PipelineRunner = <T>(collection: string, stages: Record<string, unknown>[]) => Promise<T[]>;

/** The consultation figures of `communityId` in `p` (`now`: the function's clock). */
export async function consultationOf(run: PipelineRunner, communityId: string, p: Period, now: Date): Promise<ConsultationFigures> {
  const [meetings, opinions, topics] = await Promise.all([
    run<MeetingRow>('meetings', meetingStages(communityId, p)),
    run<OpinionRow>('opinions', opinionStages(communityId, p, now)),
    run<TopicRow>('topics', topicStages(communityId, p)),
  ]);
  return consultationFigures({ meetings, opinions, topics });
}
