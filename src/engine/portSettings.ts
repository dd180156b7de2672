/** A vNIC's port settings (issue 11): vRSS/VMMQ, offloads and vSwitch port policy. Re-exported by types.ts. */
import type { Protocol } from './types';

/** One vNIC's port settings (issue 11: vRSS/VMMQ, offloads, port policy). All optional. */
export interface VmNicSettings {
  /** vRSS for this vNIC (`Set-VMNetworkAdapter -VrssEnabled`); takes effect when the host's `vrss` is on. */
  vrss?: boolean;
  /** VMMQ for this vNIC (`-VmmqEnabled`); takes effect when the host's `vmmq` (and VMQ) is on. */
  vmmq?: boolean;
  /** Receive queues / VMBus channels for this vNIC under vRSS or VMMQ (`-VmmqQueuePairs`), 1 … 16. */
  queues?: number;
  /** Large send offload (LSO/TSO) in the guest's netvsc. */
  lso?: boolean;
  /** Receive segment coalescing in the vSwitch. */
  rsc?: boolean;
  /** TCP/UDP/IP checksum offload. */
  checksum?: boolean;
  /** The guest's IP MTU, 576 … 9000 (jumbo above 1,500 needs the switch and NIC to allow it). */
  mtu?: number;
  /** VLAN mode of the port: access (one id, tag added and stripped by the switch) or trunk. */
  vlanMode?: 'access' | 'trunk';
  /** Trunk mode: the allowed VLAN ids. */
  trunkVlans?: number[];
  /** Port ACL entries (`Add-VMNetworkAdapterAcl` / extended ACLs), first match wins. */
  acl?: PortAclRule[];
  /** Maximum bandwidth of the port, Mbit/s (`-MaximumBandwidth`); absent or 0: no limit. */
  maxMbps?: number;
  /** Port mirroring (`-PortMirroring`). */
  mirror?: 'none' | 'source' | 'destination';
}

/** A port ACL entry. A packet matching every given field gets `action`. */
export interface PortAclRule {
  direction: 'inbound' | 'outbound' | 'both';
  action: 'allow' | 'deny';
  protocol?: Protocol;
  /** Remote L4 port (UDP/TCP). */
  remotePort?: number;
}
