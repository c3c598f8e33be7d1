import { routeTicket, routeToGrid } from '../../cloudfunctions/ticket/domain/routing';

const grids = [
  { _id: 'G-LC-02', code: 'G-LC-02', covers: [{ estateId: 'e-bishan', buildings: ['4号楼', '5号楼', '6号楼'] }] },
  { _id: 'G-LC-01', code: 'G-LC-01', covers: [{ estateId: 'e-bishan', buildings: ['1号楼', '2号楼', '3号楼'] }] },
];

describe('routeToGrid', () => {
  it('queues a problem for the grid covering its estate and building', () => {
    expect(routeToGrid(grids, { estateId: 'e-bishan', building: '3号楼' })).toBe('G-LC-01');
    expect(routeToGrid(grids, { estateId: 'e-bishan', building: '5号楼' })).toBe('G-LC-02');
  });

  it('queues an estate-level spot for the one grid covering the estate', () => {
    const one = [{ _id: 'G-MZ-01', covers: [{ estateId: 'e-lantian', buildings: ['5号楼', '7号楼'] }] }];
    expect(routeTicket(one, { estateId: 'e-lantian', building: null })).toEqual({ gridId: 'G-MZ-01' });
  });

  it('sends a place shared by several grids, or a building no grid covers, to the hard-case list', () => {
    expect(routeTicket(grids, { estateId: 'e-bishan', building: null })).toEqual({ gridId: null, reason: 'severalGrids' });
    expect(routeTicket(grids, { estateId: 'e-bishan', building: '9号楼' })).toEqual({ gridId: null, reason: 'noGrid' });
    const overlapping = [...grids, { _id: 'G-LC-03', covers: [{ estateId: 'e-bishan', buildings: ['3号楼'] }] }];
    expect(routeTicket(overlapping, { estateId: 'e-bishan', building: '3号楼' })).toEqual({ gridId: null, reason: 'severalGrids' });
  });

  it('leaves it to the community when no grid covers the place (属地兜底)', () => {
    expect(routeToGrid(grids, { estateId: 'e-other', building: '1号楼' })).toBeNull();
    expect(routeToGrid(grids, { estateId: null, building: null })).toBeNull();
    expect(routeToGrid([], { estateId: 'e-bishan', building: '1号楼' })).toBeNull();
  });
});
