/**
 * A sensor's report of one look: what crosses from truth into perception (DESIGN.md rule 1).
 * `truthId` travels beside the detection only so metrics can score the tracker; no decision reads it.
 */
export interface Detection {
  /** Seconds since the scenario epoch. */
  t: number;
  sensorId: string;
  /** Measurement model: 'rae' = [range m, azimuth rad, elevation rad]; 'raer' adds range rate (m/s);
   *  'los' = line-of-sight angles of a space IR sensor [azimuth, elevation] in the sensor frame;
   *  'strobe' = angle-only bearing on a jammer [azimuth, elevation]; 'xyz' = ECEF position (m). */
  kind: 'rae' | 'raer' | 'los' | 'strobe' | 'xyz';
  /** Measurement vector in the sensor's own frame. */
  z: Float64Array;
  /** Measurement noise covariance, row-major z.length × z.length. */
  R: Float64Array;
  /** Sensor position (ECEF, m) at t. */
  sensorPosition: [number, number, number];
  /** Signal-to-noise ratio of this look (linear), when the sensor has one. */
  snr?: number;
  /** Scoring only: id of the true object, or null for a false alarm. Never read by track/ or decide/. */
  truthId?: string | null;
}
