/**
 * What blocks an exercise from becoming ready: the frozen scenario's own problems, organisation
 * teams with nobody assigned (except in dry runs, where bots play), and participants who could
 * not read an inject sent to their team.
 */
import { canRead, type Distribution, type Marking, type Screening, type ScreeningCeilings } from '../../../shared/markings.ts';
import type { ScenarioDocument } from '../../../shared/scenario-format.ts';
import { validateScenario, type Problem } from '../../../shared/scenario-rules.ts';

export type ExerciseProblem =
  Problem | { code: 'participant_not_cleared' | 'team_without_participants' | 'participant_disabled'; path: string; message: string };

export type ParticipantForCheck = {
  userId: string;
  orgId: string;
  displayName: string;
  screening: Screening;
  caveats: readonly string[];
  teamId: string;
  roleId: string | null;
  disabled: boolean;
};

export function exerciseProblems(
  doc: ScenarioDocument,
  mode: string,
  participants: readonly ParticipantForCheck[],
  dist: Distribution,
  ceilings: ScreeningCeilings,
): ExerciseProblem[] {
  const problems: ExerciseProblem[] = validateScenario(doc, ceilings);
  if (mode !== 'dry_run') {
    doc.teams.forEach((team, i) => {
      if (team.kind === 'organisation' && !participants.some((p) => p.teamId === team.id)) {
        problems.push({ code: 'team_without_participants', path: `teams[${i}]`, message: `nobody is assigned to team "${team.id}"` });
      }
    });
  }
  participants.forEach((p, i) => {
    if (p.disabled)
      problems.push({ code: 'participant_disabled', path: `participants[${i}]`, message: `${p.displayName}'s account is disabled` });
    const subject = { userId: p.userId, orgId: p.orgId, screening: p.screening, caveats: p.caveats };
    for (const inj of doc.injects) {
      const r = inj.recipients;
      const receives = r.everyone || r.teams.includes(p.teamId) || (p.roleId !== null && r.roles.includes(p.roleId));
      if (receives && !canRead(subject, inj.marking as Marking, dist, ceilings)) {
        problems.push({
          code: 'participant_not_cleared',
          path: `participants[${i}]`,
          message: `${p.displayName} (team ${p.teamId}) cannot read inject ${inj.number} (${inj.marking.classification}${inj.marking.caveats.length ? ` ${inj.marking.caveats.join(' ')}` : ''}, TLP:${inj.marking.tlp})`,
        });
      }
    }
  });
  return problems;
}
