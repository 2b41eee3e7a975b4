// The patient's (or family member's) thread with the care team.

import { Thread } from '../console/Thread';
import { t } from '../i18n';
import { emergencyNumber } from '../lib/numbers';
import type { Route } from '../lib/router';
import { currentPerson, useStore } from '../lib/store';
import { PersonSwitcher, Shell } from '../ui';

export function Messages(props: { route: Route }) {
  const s = useStore();
  const person = currentPerson(s);
  return (
    <Shell route={props.route} title={t('m.title')}>
      <PersonSwitcher />
      {person && person.can_read_messages !== false ? (
        <Thread patientId={person.patient_id} side="patient" emergency={emergencyNumber(s.bundle)} />
      ) : (
        <p>{t('c.error')}</p>
      )}
    </Shell>
  );
}
