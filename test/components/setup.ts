/**
 * Setup of the components project: jest-dom's matchers, and Testing Library's `findBy…`/`waitFor`
 * waiting up to 5 s (its default is 1 s: too short when CI's two cores also bundle and fuzz — a page
 * whose data arrives in 1.2 s is not a failure of the page).
 */
import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

configure({ asyncUtilTimeout: 5000 });
