import { routeToGrid } from '../../cloudfunctions/ticket/domain/routing';

const grids = [
  { _id: 'G-LC-02', code: 'G-LC-02', covers: [{ estateId: 'e-bishan', buildings: ['4号楼', '5号楼', '6号楼'] }] },
  { _id: 'G-LC-01', code: 'G-LC-01', covers: [{ estateId: 'e-bishan', buildings: ['1号楼', '2号楼', '3号楼'] }] },
];

describe('routeToGrid', () => {
  it('queues a problem for the grid covering its estate and building', () => {
    expect(routeToGrid(grids, { estateId: 'e-bishan', building: '3号楼' })).toBe('G-LC-01');
    expect(routeToGrid(grids, { estateId: 'e-bishan', building: '5号楼' })).toBe('G-LC-02');
  });

  it('falls back to the first grid (by code) of the estate when the building is unknown or uncovered', () => {
    expect(routeToGrid(grids, { estateId: 'e-bishan', building: null })).toBe('G-LC-01');
    expect(routeToGrid(grids, { estateId: 'e-bishan', building: '9号楼' })).toBe('G-LC-01');
  });

  it('leaves it to the community when no grid covers the place (属地兜底)', () => {
    expect(routeToGrid(grids, { estateId: 'e-other', building: '1号楼' })).toBeNull();
    expect(routeToGrid(grids, { estateId: null, building: null })).toBeNull();
    expect(routeToGrid([], { estateId: 'e-bishan', building: '1号楼' })).toBeNull();
  });
});
