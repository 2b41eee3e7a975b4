// Words of the message thread, French first: the patient and the team both see it, so they load
// with the app. 'c.error' (a list that did not load) is the console's word, also said on the
// patient's Messages screen.

export const fr = {
  'c.error': 'Impossible de charger. Réessayez.',
  'm.title': 'Messages avec l’équipe',
  'm.empty': 'Pas encore de message.',
  'm.write': 'Votre message',
  'm.send': 'Envoyer',
  'm.team': 'Équipe',
  'm.patientSide': 'Patient ou proche',
  'm.you': 'Vous',
  'm.read': 'Lu',
  'm.unread': 'Non lu',
  'm.notice': 'Pour une urgence, n’écrivez pas : appelez le {emergency}.',
};
