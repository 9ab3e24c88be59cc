/**
 * A sensor's report of one look: what crosses from truth into perception (DESIGN.md rule 1).
 * `truthId` travels beside the detection only so metrics can score the tracker; no decision reads it.
 */
export interface Detection {
  /** Seconds since the scenario epoch. */
  t: number;
  sensorId: string;
  /** Measurement model: 'rae' = [range m, azimuth rad, elevation rad]; 'raer' adds range rate (m/s);
   *  'los' = line-of-sight angles of a space IR sensor [azimuth, elevation] in the sensor frame
   *  (the satellite's geocentric north–east–down frame: α east of nadir, β north of nadir; ECEF
   *  unit vector by `losDirection(z, sensorPosition)` of rampart/sense);
   *  'strobe' = angle-only bearing on a jammer [azimuth, elevation]; 'xyz' = ECEF position (m).
   *  Radar angles ('rae', 'raer', 'strobe') are in the site's ENU frame: azimuth clockwise from
   *  north in [0, 2π), GEOMETRIC elevation (straight line; refraction is not in the measurement). */
  kind: 'rae' | 'raer' | 'los' | 'strobe' | 'xyz';
  /** Measurement vector in the sensor's own frame. */
  z: Float64Array;
  /** Measurement noise covariance, row-major z.length × z.length. */
  R: Float64Array;
  /** Sensor position (ECEF, m) at t. */
  sensorPosition: [number, number, number];
  /** Platform that took the look when a sensor has several (an IR constellation's satellite id). */
  platformId?: string;
  /** Signal-to-noise ratio of this look (linear), when the sensor has one. */
  snr?: number;
  /** Made in a cued dwell (a radar searching a cue's acquisition volume; see RadarSensor.cue). */
  cued?: boolean;
  /** Scoring only: id of the true object, or null for a false alarm. Never read by track/ or decide/. */
  truthId?: string | null;
}

/**
 * What a sensor may look at of one flying object, at the instant of the look (truth, read only
 * to decide what the sensor would measure). The World builds these from its flyers.
 */
export interface SensorTarget {
  /** Flyer id (becomes `truthId` of the detections; scoring only). */
  id: string;
  /** Flyer kind ('ballistic', 'glide', 'cruise', 'drone', 'interceptor', 'satellite', …). */
  kind: string;
  /** ECEF state [x, y, z, vx, vy, vz] (m, m/s) at the time of the look. */
  state: Float64Array;
  /** Radar cross section, m² (threat class from the catalog). */
  rcs: number;
  /** A rocket motor burns (space infrared sensors see the plume). */
  thrusting: boolean;
  /** Boost-plume radiant intensity seen by space IR sensors, W/sr (see `plumeIntensity`). */
  irIntensity?: number;
  /** Raid the flyer belongs to, if any (self-protection jammers escort threats or whole raids). */
  group?: string;
}
