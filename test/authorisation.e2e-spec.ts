import { TestUser } from './support/factories';
import { databaseFingerprint } from './support/fingerprint';
import { bookTickets } from './support/requests';
import { startTestApp, TestApp } from './support/test-app';

/** Every route that takes an id, called by a user on something of another user's (or staff-only). */
describe('Object-level authorisation: no route lets a user reach what is not theirs', () => {
  let t: TestApp;
  let owner: TestUser;
  let intruder: TestUser;
  let bookingId: string;
  let eventId: string;

  beforeAll(async () => {
    t = await startTestApp();
    owner = await t.make.user();
    intruder = await t.make.user();
    eventId = (await t.make.event({ capacity: 10 })).id;
    const booked = await bookTickets(t, owner, eventId, 2);
    bookingId = booked.body.booking_id;
  });
  afterAll(() => t.close());

  const attempts: [string, () => { method: 'get' | 'post' | 'patch' | 'delete'; path: string; body?: object }, number, object][] = [
    ['read another user’s booking', () => ({ method: 'get', path: `/api/bookings/${bookingId}/` }), 404, { error: 'Booking not found' }],
    [
      'cancel another user’s booking',
      () => ({ method: 'delete', path: `/api/bookings/${bookingId}/` }),
      404,
      { error: 'Booking not found' },
    ],
    [
      'read another user’s profile',
      () => ({ method: 'get', path: `/api/users/${owner.user.id}/` }),
      403,
      { error: 'You do not have permission to perform this action.' },
    ],
    [
      'read another user’s history',
      () => ({ method: 'get', path: `/api/users/${owner.user.id}/bookings/` }),
      403,
      { error: 'You do not have permission to perform this action.' },
    ],
    [
      'book for another user',
      () => ({ method: 'post', path: '/api/bookings/', body: { user_id: owner.user.id, event_id: eventId, number_of_tickets: 1 } }),
      403,
      { error: 'You do not have permission to perform this action.' },
    ],
    [
      'change an event (staff only)',
      () => ({ method: 'patch', path: `/api/events/${eventId}/`, body: { capacity: 1 } }),
      403,
      { error: 'You do not have permission to perform this action.' },
    ],
    [
      'cancel an event (staff only)',
      () => ({ method: 'post', path: `/api/events/${eventId}/cancel/` }),
      403,
      { error: 'You do not have permission to perform this action.' },
    ],
  ];

  it.each(attempts)('refuses to %s and changes nothing', async (_, describeRequest, status, body) => {
    const { method, path, body: requestBody } = describeRequest();
    const before = await databaseFingerprint(t.dataSource);

    const response = await t.http[method](path).set('Authorization', intruder.auth).send(requestBody);

    expect(response.status).toBe(status);
    expect(response.body).toEqual(body);
    expect(await databaseFingerprint(t.dataSource)).toBe(before);
  });

  it('lets staff read and cancel another user’s booking, the seats going back and the audit naming the staff member', async () => {
    const staff = await t.make.staff();
    const event = await t.make.event({ capacity: 4 });
    const booked = await t.http.post('/api/bookings/').set('Authorization', owner.auth).send({ event_id: event.id, number_of_tickets: 3 });

    const read = await t.http.get(`/api/bookings/${booked.body.booking_id}/`).set('Authorization', staff.auth);
    const cancelled = await t.http.delete(`/api/bookings/${booked.body.booking_id}/`).set('Authorization', staff.auth);

    expect(read.status).toBe(200);
    expect(read.body).toEqual(booked.body);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toEqual({ booking_id: booked.body.booking_id, status: 'cancelled' });
    expect(await t.make.ledger(event.id)).toEqual({ capacity: 4, available: 4, confirmed: 0 });
    const [audit] = await t.dataSource.query(`SELECT actor_id FROM audit_entries WHERE booking_id = $1 AND action = 'booking.cancelled'`, [
      booked.body.booking_id,
    ]);
    expect(audit.actor_id).toBe(staff.user.id);
    const ownView = await t.http.get(`/api/bookings/${booked.body.booking_id}/`).set('Authorization', owner.auth);
    expect(ownView.body.status).toBe('cancelled');
  });

  it('lists only the caller’s own bookings, even when asked for another user’s', async () => {
    const response = await t.http.get(`/api/bookings/?user_id=${owner.user.id}`).set('Authorization', intruder.auth);
    expect(response.status).toBe(200);
    expect(response.body.count).toBe(0);
  });

  it('revokes only the key the request was made with, whatever the body names', async () => {
    const revoker = await t.make.user();
    const response = await t.http
      .delete('/api/auth/token/')
      .set('Authorization', revoker.auth)
      .send({ token: owner.token, user_id: owner.user.id });

    expect(response.status).toBe(204);
    expect((await t.http.get('/api/auth/me/').set('Authorization', owner.auth)).status).toBe(200);
    expect((await t.http.get('/api/auth/me/').set('Authorization', revoker.auth)).status).toBe(401);
  });
});
