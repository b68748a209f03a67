// The inventory's public face: what its clients (bookings, holds, the waiting list, event admin) may use.
export { EarlyRefusal } from './early-refusal';
export type { EndedHold } from './held-seats.repository';
export { InventoryModule } from './inventory.module';
export { refusalOf } from './seat-allocation';
export { SeatInventory } from './seat-inventory';
export type { ChangedBy, HoldConfirmation, NewBooking, NewHold } from './seat-requests';
export type { HoldRelease, SeatTransaction } from './seat-transaction';
