// Every page of the dashboard, in navigation order (the first is the fallback).
import type { Page } from '../page.js';
import { clockPage } from './admin-clock.js';
import { deliveriesPage } from './admin-deliveries.js';
import { demoPage } from './demo.js';
import { faultsPage } from './admin-faults.js';
import { integrationsPage } from './admin-integrations.js';
import { partnersPage } from './admin-partners.js';
import { snapshotsPage } from './admin-snapshots.js';
import { subscriptionsPage } from './admin-subscriptions.js';
import { hcimPage } from './hcim.js';
import { homePage } from './home.js';
import { healthmapPage } from './ocean-healthmap.js';
import { oceanPortalPage } from './ocean-portal.js';
import { oceanReferralPage } from './ocean-referral.js';
import { plrPage } from './plr.js';
import { timelinePage } from './timeline.js';

export const PAGES: readonly Page[] = [
  homePage,
  timelinePage,
  demoPage,
  oceanPortalPage,
  oceanReferralPage,
  healthmapPage,
  plrPage,
  hcimPage,
  partnersPage,
  integrationsPage,
  subscriptionsPage,
  faultsPage,
  clockPage,
  deliveriesPage,
  snapshotsPage,
];
