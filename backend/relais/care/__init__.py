"""Care circle: teams, members, on-call rota, patients, proxies, invitations, schedules."""
