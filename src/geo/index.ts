// Public interface of the geo stage: WGS-84 frames (geodetic, ECEF, ENU/AER, ECI), Earth
// rotation, geodesics, horizon and line of sight, J2 gravity, US Standard Atmosphere 1976.
// Equations and sources: docs/models/geo.md.
export {
  WGS84_A,
  WGS84_B,
  WGS84_F,
  WGS84_E2,
  WGS84_EP2,
  WGS84_C20_BAR,
  GM_EARTH,
  OMEGA_EARTH,
  J2,
  EARTH_MEAN_RADIUS,
  degToRad,
  radToDeg,
} from './constants.js';
export {
  type Geodetic,
  geodeticToEcef,
  geodeticToEcefInto,
  ecefToGeodetic,
  ecefToGeodeticInto,
  ellipsoidHeight,
  geodeticNormalInto,
  primeVerticalRadius,
  meridionalRadius,
} from './geodetic.js';
export {
  type LocalFrame,
  type Aer,
  localFrame,
  enuRotationInto,
  ecefToEnu,
  ecefToEnuInto,
  enuToEcef,
  enuToEcefInto,
  ecefVectorToEnu,
  ecefVectorToEnuInto,
  enuVectorToEcef,
  enuVectorToEcefInto,
  aer,
  aerInto,
  aerToEcef,
  aerToEcefInto,
} from './local.js';
export {
  gmst,
  julianDate,
  epochMs,
  earthRotationAngle,
  ecefToEci,
  ecefToEciInto,
  eciToEcef,
  eciToEcefInto,
  ecefToEciVelocity,
  eciToEcefVelocity,
  ecefToEciStateInto,
  eciToEcefStateInto,
} from './eci.js';
export {
  type GeodesicInverse,
  type GeodesicDirect,
  geodesicInverse,
  geodesicDirect,
  greatCircleDistance,
  greatCircleAzimuth,
  greatCircleDestination,
  greatCircleDestinationInto,
} from './geodesic.js';
export {
  type LimbView,
  rayClearance,
  lineOfSight,
  limbView,
  horizonRange,
  horizonRangeExact,
  horizonGroundRange,
} from './horizon.js';
export {
  gravityJ2Into,
  gravityPotentialJ2,
  rotatingFrameAccelerationInto,
  ecefFreeFallAccelerationInto,
} from './gravity.js';
export {
  type AtmosphereState,
  ATMOSPHERE_MIN_ALTITUDE,
  standardAtmosphere,
  standardAtmosphereInto,
  densityAt,
  geopotentialAltitude,
  geometricAltitude,
} from './atmosphere.js';
