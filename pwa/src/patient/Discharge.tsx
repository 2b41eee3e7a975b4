// The discharge papers in the app: the next appointment (when, where, what for), the prescriptions
// and instructions, the 24/7 referent with a call button, the documents given, and what the
// hospital handed over. They come with today's data (kept on the phone: offline too) and change
// when the care team edits the hand-over.

import { formatDate, t } from '../i18n';
import type { Route } from '../lib/router';
import { currentPerson, personData, useStore } from '../lib/store';
import type { Handover } from '../lib/types';
import { CallButton, PersonSwitcher, Shell } from '../ui';

/** The next appointment, in words: when, what for, where. */
export function NextAppointment(props: { handover: Handover }) {
  const h = props.handover;
  if (!h.next_appointment_at) return null;
  return (
    <div class="appointment" data-section="next-appointment">
      <p class="appointment-when">{formatDate(h.next_appointment_at, true)}</p>
      {h.next_appointment_reason && <p>{h.next_appointment_reason}</p>}
      {h.next_appointment_place && <p class="hint">{h.next_appointment_place}</p>}
    </div>
  );
}

/** The 24/7 referent of the hand-over, to call. */
export function ReferentCall(props: { handover: Handover }) {
  const h = props.handover;
  if (!h.referent_phone) return null;
  return (
    <CallButton number={h.referent_phone} label={t('discharge.referentLabel', { name: h.referent_name })} kind="team" />
  );
}

/** Home's card: the next appointment and the way to the papers. */
export function DischargeCard(props: { handover: Handover | null | undefined }) {
  const h = props.handover;
  if (!h) return null;
  return (
    <section class="card" aria-labelledby="next-title">
      <h2 id="next-title">{t('discharge.nextTitle')}</h2>
      {h.next_appointment_at ? <NextAppointment handover={h} /> : <p>{t('discharge.noNext')}</p>}
      <a class="button" href="/discharge" data-action="discharge">
        {t('discharge.open')}
      </a>
    </section>
  );
}

export function Discharge(props: { route: Route }) {
  const s = useStore();
  const person = currentPerson(s);
  const h = personData(s).today?.handover ?? null;
  return (
    <Shell route={props.route} title={t('discharge.title')}>
      <PersonSwitcher />
      {!h && <p>{s.online ? t('discharge.none') : t('discharge.offline')}</p>}
      {h && (
        <>
          <section class="card" aria-labelledby="d-next">
            <h2 id="d-next">{t('discharge.nextTitle')}</h2>
            {h.next_appointment_at ? <NextAppointment handover={h} /> : <p>{t('discharge.noNext')}</p>}
          </section>
          <section class="card" aria-labelledby="d-referent">
            <h2 id="d-referent">{t('discharge.referentTitle')}</h2>
            <p>{t('discharge.referentText')}</p>
            {h.referent_phone ? <ReferentCall handover={h} /> : <p>{t('discharge.noReferent')}</p>}
          </section>
          {h.prescriptions && (
            <section class="card" aria-labelledby="d-prescriptions">
              <h2 id="d-prescriptions">{t('discharge.prescriptionsTitle')}</h2>
              <p class="pre">{h.prescriptions}</p>
            </section>
          )}
          {h.documents_given.length > 0 && (
            <section class="card" aria-labelledby="d-documents">
              <h2 id="d-documents">{t('discharge.documentsTitle')}</h2>
              <ul>
                {h.documents_given.map((d) => (
                  <li>{d}</li>
                ))}
              </ul>
            </section>
          )}
          {h.summary && (
            <section class="card" aria-labelledby="d-summary">
              <h2 id="d-summary">{t('discharge.summaryTitle')}</h2>
              <p class="pre">{h.summary}</p>
            </section>
          )}
          {h.updated_at && (
            <p class="source">
              {t('discharge.updated', {
                when: formatDate(h.updated_at, true),
                name: person?.team?.name ?? t('home.team'),
              })}
            </p>
          )}
        </>
      )}
    </Shell>
  );
}
