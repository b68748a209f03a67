import { call, check, checkBooksBalance, makeEvent, makeUsers, storm, tally, Target } from '../faults/harness';

/**
 * A sold-out storm through a deployed Evently: 60 bookings of 1-2 seats on 10 seats, 20 at a
 * time; only 201 and 409, the event sold out, and the books balance in `databaseUrl`.
 */
export async function sellOut(app: Target, databaseUrl: string, label: string): Promise<void> {
  const { staff, buyers } = await makeUsers(app, databaseUrl, 6, `deploy${Date.now().toString(36)}_`);
  const event = await makeEvent(app, staff, 10);
  const answers = await storm(60, 20, (index) =>
    call(app, 'POST', '/api/bookings/', {
      headers: { authorization: buyers[index % buyers.length].auth },
      body: { event_id: event, number_of_tickets: 1 + (index % 2) },
    }),
  );
  const statuses = answers.map((answer) => answer.status);
  const available = (await call(app, 'GET', `/api/events/${event}/availability/`)).body.available_tickets;
  check(
    `${label}: 60 bookings on 10 seats, only 201 and 409, and the event sold out`,
    statuses.every((status) => status === 201 || status === 409) && statuses.includes(201) && available === 0,
    `${tally(statuses)}; available ${String(available)}`,
  );
  await checkBooksBalance(databaseUrl, label);
}
