// The escalation guidance: which signs mean "call the emergency number now", which mean "call
// your care team today", and the immediate help for thoughts of self-harm. Offline.

import { fillPlaceholders, t } from '../i18n';
import { placeholderValues } from '../lib/numbers';
import type { Route } from '../lib/router';
import { currentPerson, personData, useStore } from '../lib/store';
import type { Level } from '../lib/types';
import { CallButton, LevelBadge, Shell } from '../ui';
import { TextSizeControl } from './Booklet';

export function Guidance(props: { route: Route }) {
  const s = useStore();
  const person = currentPerson(s);
  const bundle = s.bundle;
  if (!bundle) {
    return (
      <Shell route={props.route} title={t('guidance.title')} hideNav={!s.user}>
        <p>{t('booklet.offlineEmpty')}</p>
      </Shell>
    );
  }
  const values = placeholderValues(bundle, person, personData(s).schedule);
  const fill = (text: string): string => fillPlaceholders(text, values);
  const child = person?.is_child ?? false;
  const levels: Level[] = ['red', 'amber', 'green'];
  return (
    <Shell route={props.route} title={t('guidance.title')} hideNav={!s.user}>
      <TextSizeControl />
      {levels.map((level) => {
        const g = bundle.guidance.levels[level];
        const signs = child ? g.signs.child : g.signs.adult;
        const other = child ? g.signs.adult : g.signs.child;
        return (
          <section class={`card guidance guidance-${level}`} aria-labelledby={`g-${level}`}>
            <h2 id={`g-${level}`}>
              <LevelBadge level={level} /> {fill(g.title)}
            </h2>
            <p class="result-action">{fill(g.action)}</p>
            {level === 'red' && (
              <CallButton
                number={values.emergency_number ?? ''}
                label={t('emergency.call', { number: values.emergency_number ?? '' })}
                kind="emergency"
              />
            )}
            {level === 'amber' && person?.team?.phone && (
              <CallButton number={person.team.phone} label={t('result.callTeam')} kind="team" />
            )}
            {signs.length > 0 && (
              <>
                <h3>{child ? t('guidance.signsChild') : t('guidance.signsAdult')}</h3>
                <ul>
                  {signs.map((x) => (
                    <li>{fill(x)}</li>
                  ))}
                </ul>
              </>
            )}
            {other.length > 0 && (
              <details>
                <summary>{child ? t('guidance.signsAdult') : t('guidance.signsChild')}</summary>
                <ul>
                  {other.map((x) => (
                    <li>{fill(x)}</li>
                  ))}
                </ul>
              </details>
            )}
          </section>
        );
      })}
      <section class="card self-harm" aria-labelledby="g-self-harm">
        <h2 id="g-self-harm">{fill(bundle.guidance.self_harm.title)}</h2>
        <p>{fill(bundle.guidance.self_harm.action)}</p>
        <ul>
          {bundle.guidance.self_harm.steps.map((x) => (
            <li>{fill(x)}</li>
          ))}
        </ul>
      </section>
      <p class="source">{t('guidance.source', { source: bundle.guidance.source })}</p>
    </Shell>
  );
}
