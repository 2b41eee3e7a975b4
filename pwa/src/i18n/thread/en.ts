// Words of the message thread, in English.

import type { fr } from './fr';

export const en: Record<keyof typeof fr, string> = {
  'c.error': 'Could not load. Try again.',
  'm.title': 'Messages with the team',
  'm.empty': 'No message yet.',
  'm.write': 'Your message',
  'm.send': 'Send',
  'm.team': 'Team',
  'm.patientSide': 'Patient or family',
  'm.you': 'You',
  'm.read': 'Read',
  'm.unread': 'Not read yet',
  'm.notice': 'In an emergency, do not write: call {emergency}.',
};
