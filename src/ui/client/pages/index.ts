// Every page of the dashboard, in navigation order (the first is the fallback).
import type { Page } from '../page.js';
import { clockPage } from './admin-clock.js';
import { deliveriesPage } from './admin-deliveries.js';
import { faultsPage } from './admin-faults.js';
import { partnersPage } from './admin-partners.js';
import { snapshotsPage } from './admin-snapshots.js';
import { homePage } from './home.js';
import { timelinePage } from './timeline.js';

export const PAGES: readonly Page[] = [homePage, timelinePage, partnersPage, faultsPage, clockPage, deliveriesPage, snapshotsPage];
